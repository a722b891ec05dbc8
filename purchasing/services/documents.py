"""Attaching documents to a supplier, an item or a lot, and removing them. Files go through the
"documents" storage (purchasing/storage.py); which files are accepted is purchasing/file_rules.py."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from inventory.models import Item, Lot
from purchasing.errors import DocumentRefused
from purchasing.file_rules import HEAD_BYTES, check_file, clean_name
from purchasing.models import Document, Supplier

TITLE_MAX_LENGTH = Document._meta.get_field("title").max_length or 120

# What a document can belong to: the name pages and URLs use -> the model.
SUBJECTS: dict[str, type[Supplier] | type[Item] | type[Lot]] = {
    "supplier": Supplier,
    "item": Item,
    "lot": Lot,
}


@dataclass(frozen=True)
class Subject:
    kind: str  # a SUBJECTS key
    pk: int


def attach_document(
    *,
    subject: Subject,
    kind: str,
    upload: UploadedFile,
    title: str = "",
    actor_id: int | None = None,
) -> Document:
    """Keep `upload` as a document of `subject`, titled `title` (blank: the file's name).

    Checks the file (size, and type from its first bytes: purchasing.file_rules) and the kind, title
    and subject before storing anything, and raises one DocumentRefused naming the file. The file is
    stored, then its row written in a transaction; if the row can't be written the file is removed
    again, so a refusal leaves neither behind. Raises LookupError for an unknown subject kind and
    the model's DoesNotExist for a missing subject.
    """
    name = clean_name(upload.name or "")
    model = SUBJECTS.get(subject.kind)
    if model is None:
        raise LookupError(f"Documents can't belong to a {subject.kind!r}.")
    if kind not in Document.Kind.values:
        raise DocumentRefused(
            f"Choose what {name} is: invoice, safety data sheet, certificate or other.",
            field="kind",
        )
    title = " ".join((title or "").split()) or name
    if len(title) > TITLE_MAX_LENGTH:
        raise DocumentRefused(
            f"The title can be at most {TITLE_MAX_LENGTH} characters long.", field="title"
        )
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    size = upload.size or 0
    content_type = check_file(name=name, size=size, head=head)
    target = model.objects.get(pk=subject.pk)
    document = Document(
        kind=kind,
        title=title,
        original_name=name,
        content_type=content_type,
        size=size,
        uploaded_by_id=actor_id,
        **{subject.kind: target},
    )
    document.file.save(name, upload, save=False)
    try:
        with transaction.atomic():
            document.save()
    except BaseException:
        document.file.delete(save=False)
        raise
    return document


def remove_document(*, document: Document | int) -> None:
    """Remove a document and, once that is committed, its file. Locks the row; removing one that is
    already gone does nothing."""
    pk = document.pk if isinstance(document, Document) else document
    with transaction.atomic():
        found = Document.objects.select_for_update().filter(pk=pk).first()
        if found is None:
            return
        stored = found.file
        found.delete()
        transaction.on_commit(lambda: stored.storage.delete(stored.name))
