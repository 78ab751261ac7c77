"""Make an executed notebook depend only on its inputs, so two builds are byte-identical.

Papermill records timings, the paths it read and wrote, and a random id for the cell it injects;
the kernel records execution timestamps. None of that belongs in a published artefact.
"""

from __future__ import annotations

import nbformat

INJECTED_TAG = "injected-parameters"
#: myst-nb drops cells tagged so: the reader sees the parameters in the chapter's own summary.
HIDDEN_TAG = "remove-cell"
_VOLATILE_NOTEBOOK_KEYS = ("start_time", "end_time", "duration", "input_path", "output_path", "exception")


def normalize(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    papermill = notebook.metadata.get("papermill", {})
    for key in _VOLATILE_NOTEBOOK_KEYS:
        papermill.pop(key, None)
    for cell in notebook.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.metadata.get("tags", [])
        if INJECTED_TAG in tags:
            cell["id"] = INJECTED_TAG
            if HIDDEN_TAG not in tags:
                cell.metadata["tags"] = [*tags, HIDDEN_TAG]
    return notebook


def write(notebook: nbformat.NotebookNode, path) -> None:
    nbformat.write(normalize(notebook), str(path))
