"""The portal page's Jinja environment: our settings, and its two date filters."""

from __future__ import annotations

import datetime as dt
from functools import cache

from jinja2 import Environment

from generator.common.dates import format_date
from generator.render.environments import template_environment


@cache
def portal_environment() -> Environment:
    env = template_environment("generator.province")
    env.filters["date"] = format_date
    env.filters["iso_date"] = lambda text: format_date(dt.date.fromisoformat(text)) if text else ""
    return env
