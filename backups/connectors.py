"""django-dbbackup's SQLite connector, restored through SQLite's backup API.

dbbackup's own ``SqliteBackupConnector`` dumps with SQLite's online backup (safe while
the site runs) but restores by writing the bytes over the database file, under the open
connection and beside its write-ahead log. This one restores the other way round, from
the dump into the open connection, page by page: the database becomes the backup's
exactly (schema and rows), whether it is a file in WAL mode or a test's in-memory one.
"""

import sqlite3
from shutil import copyfileobj
from tempfile import NamedTemporaryFile

from dbbackup.db.sqlite import SqliteBackupConnector


class SqliteConnector(SqliteBackupConnector):
    def restore_dump(self, dump):
        self.connection.ensure_connection()
        with NamedTemporaryFile(suffix=".sqlite3") as copy:
            copyfileobj(dump, copy)
            copy.flush()
            source = sqlite3.connect(copy.name)
            try:
                source.backup(self.connection.connection)
            finally:
                source.close()
