"""The portal page's Jinja environment: our settings, its two date filters, and the theme's
search box shared with the wards' pages (theme/partials/ctct-search-box.html), found where the
wards' builds find the theme."""

from __future__ import annotations

import datetime as dt
from functools import cache

from jinja2 import Environment

from generator.common.dates import format_date
from generator.render.environments import template_environment, theme_dir


@cache
def portal_environment() -> Environment:
    env = template_environment("generator.province", also=theme_dir())
    env.filters["date"] = format_date
    env.filters["iso_date"] = lambda text: format_date(dt.date.fromisoformat(text)) if text else ""
    return env
