# Every old /files/... address gets its own row. The addresses kept until now in
# documents.Document.legacy_path (one per document) are copied here before documents'
# 0008 drops that column; going back copies one address per document there again.

import django.db.models.deletion
from django.db import migrations, models


def copy_paths(apps, schema_editor):
    document_model = apps.get_model("documents", "Document")
    legacy_path_model = apps.get_model("legacy", "LegacyPath")
    taken = set()
    rows = []
    # The redirect took the lowest pk when two documents had the same old address.
    documents = document_model.objects.exclude(legacy_path="").order_by("pk")
    for pk, path in documents.values_list("pk", "legacy_path").iterator():
        if path not in taken:
            taken.add(path)
            rows.append(legacy_path_model(path=path, document_id=pk))
    legacy_path_model.objects.bulk_create(rows, batch_size=1000)


def copy_paths_back(apps, schema_editor):
    document_model = apps.get_model("documents", "Document")
    legacy_path_model = apps.get_model("legacy", "LegacyPath")
    done = set()
    for document_id, path in legacy_path_model.objects.order_by("pk").values_list(
        "document_id", "path"
    ):
        if document_id not in done:
            done.add(document_id)
            document_model.objects.filter(pk=document_id).update(legacy_path=path)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("documents", "0007_presentation"),
    ]
    # The column is read before documents drops it (the arrow stays legacy -> documents).
    run_before = [
        ("documents", "0008_remove_document_legacy_path"),
    ]

    operations = [
        migrations.CreateModel(
            name="LegacyPath",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "path",
                    models.CharField(max_length=500, unique=True, verbose_name="old site address"),
                ),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="legacy_paths",
                        to="documents.document",
                        verbose_name="document",
                    ),
                ),
            ],
            options={
                "verbose_name": "old file address",
                "verbose_name_plural": "old file addresses",
                "ordering": ["path"],
            },
        ),
        migrations.RunPython(copy_paths, copy_paths_back),
    ]
