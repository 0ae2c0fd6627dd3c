"""Make the S3 buckets of the site's settings, if they are not there yet.

The public storage's bucket (or folder) gets a policy that lets anyone read its objects;
the private one gets none, so only signed links reach its files. Safe to run again.
"""

from __future__ import annotations

from botocore.exceptions import ClientError
from django.core.management.base import BaseCommand, CommandError
from storages.backends.s3 import S3Storage

from core.storage import private_storage, public_read_policy, public_storage


class Command(BaseCommand):
    help = "Create the S3 buckets named by S3_BUCKET and S3_PRIVATE_BUCKET; make public media readable."

    def handle(self, *args, **options):
        public, private = public_storage(), private_storage()
        if not isinstance(public, S3Storage) or not isinstance(private, S3Storage):
            raise CommandError("Set S3_BUCKET (see README.md) to keep media in object storage.")
        client = public.connection.meta.client
        for bucket in dict.fromkeys([public.bucket_name, private.bucket_name]):
            try:
                client.head_bucket(Bucket=bucket)
                self.stdout.write(f"{bucket}: already there")
            except ClientError:
                client.create_bucket(Bucket=bucket)
                self.stdout.write(f"{bucket}: created")
        client.put_bucket_policy(
            Bucket=public.bucket_name,
            Policy=public_read_policy(public.bucket_name, public.location),
        )
        self.stdout.write(f"{public.bucket_name}/{public.location}: anyone may read")
