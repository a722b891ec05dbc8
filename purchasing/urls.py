from __future__ import annotations

from django.urls import path

from purchasing.views import documents, receipts, reports, suppliers

app_name = "purchasing"

urlpatterns = [
    path("suppliers/", suppliers.supplier_list, name="suppliers"),
    path("suppliers/new/", suppliers.supplier_create, name="supplier_create"),
    path("suppliers/<int:pk>/", suppliers.supplier_detail, name="supplier"),
    path("suppliers/<int:pk>/edit/", suppliers.supplier_edit, name="supplier_edit"),
    path("receipts/", receipts.receipt_list, name="receipts"),
    path("receipts/new/", receipts.receipt_create, name="receipt_create"),
    path("receipts/<int:pk>/", receipts.receipt_detail, name="receipt"),
    path("documents/<str:kind>/<int:pk>/", documents.document_list, name="documents"),
    path("documents/<str:kind>/<int:pk>/attach/", documents.document_attach, name="attach"),
    path("documents/<int:pk>/download/", documents.document_download, name="download"),
    path("documents/<int:pk>/remove/", documents.document_remove, name="document_remove"),
    path("reorder/", reports.reorder, name="reorder"),
    path("reorder/shopping-list.csv", reports.reorder_csv, name="reorder_csv"),
    path("purchases/", reports.purchases, name="purchases"),
    path("purchases/purchases.csv", reports.purchases_csv, name="purchases_csv"),
]
