"""Value axes fitted to the data: nice ticks and limits, computed without matplotlib.

Pure functions, so that the limits a chart gets are decided in one place whichever process
draws it, and tests check them without drawing. A tick step is 1, 2, 2,5 or 5 times a power
of ten; among the steps that give a readable number of intervals, the one whose ticks waste
the least room beyond the data wins (matplotlib's MaxNLocator takes the smallest step that
fits instead, which put the axis of -33,3 … 7,1 at -40 … 20).
"""

from __future__ import annotations

import math

STEPS = (1.0, 2.0, 2.5, 5.0)
MIN_BINS = 3
MAX_BINS = 7
_EPS = 1e-9


def _candidate_steps(span: float, integer: bool) -> list[float]:
    """Nice steps around span / MAX_BINS … span / MIN_BINS."""
    base = 10.0 ** math.floor(math.log10(span / MAX_BINS))
    steps = []
    for power in (base, base * 10, base * 100):
        for mantissa in STEPS:
            step = mantissa * power
            if integer and abs(step - round(step)) > _EPS:
                continue  # counts: no tick at 2,5
            steps.append(step)
    return steps


def nice_ticks(lo: float, hi: float, *, integer: bool = False) -> list[float]:
    """Evenly spaced nice ticks from the first at or below `lo` to the first at or above `hi`.

    Of the steps that give MIN_BINS…MAX_BINS intervals, the one with the least room beyond
    the data; on a tie, a step of 1, 2 or 5 before 2,5, then fewer ticks. The caller decides
    whether the axis starts at zero (pass lo=0).
    """
    if not (math.isfinite(lo) and math.isfinite(hi)):
        lo, hi = 0.0, 1.0
    if hi < lo:
        lo, hi = hi, lo
    if hi - lo < _EPS:  # one value: show it against zero
        lo, hi = min(0.0, lo), max(0.0, hi)
        if hi - lo < _EPS:
            lo, hi = 0.0, 1.0
    span = hi - lo
    choices = []
    for step in _candidate_steps(span, integer):
        first = math.floor(lo / step + _EPS)
        last = math.ceil(hi / step - _EPS)
        bins = last - first
        if bins > MAX_BINS:
            continue
        waste = (bins * step - span) / span
        mantissa = step / 10 ** math.floor(math.log10(step) + _EPS)
        odd = abs(mantissa - 2.5) < 0.01
        # Fewer than MIN_BINS intervals only when nothing else fits (a count of 0…2), and
        # then as many as there can be.
        few = max(MIN_BINS - bins, 0)
        key = (few, round(waste, 6), odd, bins)
        choices.append((key, [_clean(i * step) for i in range(first, last + 1)]))
    return min(choices)[1]


def _clean(value: float) -> float:
    """0,30000000000000004 → 0,3, and no -0,0."""
    value = round(value, 10)
    return 0.0 if value == 0 else value


def value_range(values: list[float]) -> tuple[float, float]:
    """The range an axis must show: the data, and zero when nothing is negative (so bars
    and levels compare honestly)."""
    if not values:
        return 0.0, 1.0
    lo, hi = min(values), max(values)
    return min(0.0, lo), max(0.0, hi)


def bar_limits(lo: float, hi: float, room_left: float, room_right: float,
               axes_width: float) -> tuple[float, float]:
    """Limits of a bar chart's value axis: the bars and, beyond them, exactly the room (in
    inches) their value labels need; no empty stretch up to the next tick.

    With span s of data and W inches of axes, the limits L…R satisfy R − L = s + (l + r) · u,
    u = (R − L) / W data units per inch, so R − L = s / (1 − (l + r) / W). The label room is
    capped at half the axes, so that bars keep the other half however long the labels.
    """
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    span = (hi - lo) or 1.0
    room = room_left + room_right
    if axes_width <= 0:
        return lo, hi
    if room > axes_width / 2:
        room_left, room_right = (r * axes_width / 2 / room for r in (room_left, room_right))
        room = axes_width / 2
    per_inch = span / (axes_width - room)
    return lo - room_left * per_inch, hi + room_right * per_inch


SNAP = 0.05  # a limit this close (share of the axis) short of a tick is moved to it


def snap(limits: tuple[float, float], ticks: list[float]) -> tuple[float, float]:
    """Move each limit out to the next tick when that is only a few per cent further, so
    that an axis ending just short of a round number ends on it (and the tick shows)."""
    lo, hi = limits
    reach = SNAP * (hi - lo)
    below = [t for t in ticks if lo - reach - _EPS <= t <= lo]
    above = [t for t in ticks if hi <= t <= hi + reach + _EPS]
    return (max(below) if below else lo), (min(above) if above else hi)


def ticks_within(ticks: list[float], lo: float, hi: float) -> list[float]:
    """The ticks that fall inside lo…hi (the axis ends where the data and labels end)."""
    return [t for t in ticks if lo - _EPS <= t <= hi + _EPS]
