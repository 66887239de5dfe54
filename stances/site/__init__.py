"""The static site: view models rendered through Jinja2 templates shipped as package data (`build.build_site`).

Nothing is imported here, so `stances.site.output` (which the command line needs for every command) loads without
the site build, the image renderer or their libraries."""
