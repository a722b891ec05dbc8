"""Reports: exports (CSV, XLSX, a batch record as PDF) and imports (items with opening stock).

A TENANT app: its ExportJob and ImportJob rows and their files belong to one workspace, so they live in
the workspace's schema (a job id from another workspace simply does not exist here) and its files under
MEDIA_ROOT/<schema>/ (TenantFileSystemStorage). Files are served only through an authenticated view,
never from a media URL.

Exports read through the owning apps' models and selectors; imports write only through
`inventory.services` (create_item + receive), all rows in one transaction.
"""
