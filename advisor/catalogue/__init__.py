"""The SQLite catalogue (sqlite-utils): open and migrate, import and export, queries."""

from advisor.catalogue.database import is_read_only, memory_catalogue, open_catalogue, set_aside
from advisor.catalogue.exporter import export_folder
from advisor.catalogue.importer import ImportSummary, import_folder
from advisor.catalogue.paths import bundled_data_dir, default_db_path
from advisor.catalogue.profiles import store_profile, stored_profile, stored_profiles
from advisor.catalogue.queries import load_frames, meta, read_table
from advisor.catalogue.schema import schema_version

__all__ = [
    "ImportSummary",
    "bundled_data_dir",
    "default_db_path",
    "export_folder",
    "import_folder",
    "is_read_only",
    "load_frames",
    "memory_catalogue",
    "meta",
    "open_catalogue",
    "read_table",
    "schema_version",
    "set_aside",
    "store_profile",
    "stored_profile",
    "stored_profiles",
]
