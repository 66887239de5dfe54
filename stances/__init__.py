"""Curated policy positions: schema, validation, queries and export. Never imports streamlit.

The names below are loaded on first use (`lazy_loader`, PEP 562), so that importing any part of the package never
imports the rest: a package whose `__init__` imports its own submodules takes the import locks in the opposite order
to a thread importing one of them directly, and concurrent cold sessions then fail with `_DeadlockError`.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "domain.dataset": ["CellVersion", "Dataset"],
        "domain.problems": ["DataError", "Problem"],
        "domain.validate": ["check_folder", "load_dataset"],
    },
)
