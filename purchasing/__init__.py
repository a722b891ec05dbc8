"""Purchasing: the buying half of the books. Suppliers, purchase receipts with landed cost, documents
(invoices, safety data sheets, certificates) and the help to reorder.

A TENANT app: its rows and files belong to one workspace. Receipts write stock only through
`inventory.services.receive`, one lot per line, all lines in one transaction; an item's usual supplier
and purchase unit are inventory's fields, changed through inventory's item services. Documents are
stored through the "documents" storage (purchasing/storage.py: the workspace's own media folder, or
S3-compatible storage when configured) and streamed only to members, never from a public URL.
"""
