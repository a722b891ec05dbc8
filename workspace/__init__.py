"""The maker's workspace UI, tying the domain pages together: the dashboard's reads ("what needs me
today"), the first-run checklist and its sample data, the guided start of a batch, and server-rendered
SVG charts.

A tenant app (TENANT_APPS): its one model, SampleDataJob, records a workspace's sample-data load and
lives in that workspace's schema, like reports' export jobs. Nothing else here owns domain state:
stock, recipes, batches and sales change only through the apps' services (and their demo seeders).
"""
