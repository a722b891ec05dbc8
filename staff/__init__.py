"""The platform staff console (public schema): support access, feature flags, the error inbox,
integration checks, workspace lifecycle (export everything, deletion with a grace period, account
deletion) and the staff dashboard.

Named `staff` rather than `platform` (the name ARCHITECTURE.md suggests) because an app package called
`platform` would shadow Python's standard `platform` module, which Django and many libraries import.

Staff pages live in the admin on the public host (staff/admin.py, staff/admin_views.py); owners reach
their side (support grant, export, deletion) under Settings -> Data & privacy on the workspace host.
"""
