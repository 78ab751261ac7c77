"""The Karabakh book's package, in three wings whose imports run one way (publishing -> chapters -> core):

- the core, here: tables loaded with their types (:mod:`~karabakh.data`), chapter parameters
  (:mod:`~karabakh.parameters`), events and how they are shown (:mod:`~karabakh.events`,
  :mod:`~karabakh.event_display`), figures, maps, charts, tables and escaped page output
  (:mod:`~karabakh.page`), and the project's paths (:mod:`~karabakh.project`);
- :mod:`karabakh.chapters`: one module per chapter notebook;
- :mod:`karabakh.publishing`: executing, compiling, validating, vendoring, the command line.

Chapters are thin notebooks over this package.
"""

__all__ = ["__version__"]
__version__ = "0.3.0"
