"""Realistic measured values for skills that have a measurement spec.

A value is drawn near the spec's acceptable range: inside it when the gesture succeeds,
a little outside when it fails (a 0.14 dB splice, -25.3 dBm at the PTO), and always inside
the quantity's physical range so that ``check_assessment`` accepts it.
"""

from __future__ import annotations

import math
import random

from trainer_tui.domain.catalogue import MeasurementSpec, Quantity


def _decimals(width: float, unit: str) -> int:
    # Instruments show about two significant digits of the tolerance: 0.04 dB, -19.4 dBm,
    # 37 ns. Scores are whole percentages.
    if unit == "%":
        return 0
    if width < 1:
        return 2
    return 1 if width < 20 else 0


def _excursion(width: float, bound: float) -> float:
    """How far past ``bound`` a failed measurement may plausibly land."""
    return min(width, abs(bound) * 0.5) if bound else width


def _acceptable_span(spec: MeasurementSpec, quantity: Quantity) -> tuple[float, float]:
    """A plausible low..high interval of passing values, clipped to what is possible."""
    if spec.min is not None and spec.max is not None:
        low, high = spec.min, spec.max
    elif spec.max is not None:
        # A loss or a duration: passing values lie between zero-ish and the limit.
        high = spec.max
        low = max(quantity.physical_min, high - (abs(high) or 1.0))
    else:
        assert spec.min is not None  # MeasurementSpec guarantees one bound
        low = spec.min
        high = min(quantity.physical_max, low + max(abs(low) * 0.3, 1.0))
    return low, max(low, high)


def measured_value(
    rng: random.Random, spec: MeasurementSpec, quantity: Quantity, succeed: bool
) -> float:
    """A value for ``spec``: acceptable if ``succeed``, usually out of tolerance otherwise.

    Callers must judge the returned value with ``spec.accepts``: rounding and the physical
    range can turn an intended failure into a pass (a score cannot exceed 100 %).
    """
    low, high = _acceptable_span(spec, quantity)
    width = (high - low) or max(abs(low) * 0.2, 1.0)
    if succeed:
        if spec.min is None:
            # Losses and times: most good results sit well below the limit.
            value = rng.triangular(low + 0.15 * width, high, low + 0.35 * width)
        else:
            value = rng.uniform(low, high)
    else:
        below_is_plausible = spec.min is not None and (
            spec.max is None or spec.min - width > quantity.physical_min
        )
        if spec.max is not None and (not below_is_plausible or rng.random() < 0.5):
            # Failures stay close to the limit (0.14 dB for a 0.1 dB splice, not 2 dB).
            value = spec.max + _excursion(width, spec.max) * rng.uniform(0.05, 0.9)
        else:
            assert spec.min is not None
            value = spec.min - _excursion(width, spec.min) * rng.uniform(0.05, 0.9)
    value = min(quantity.physical_max, max(quantity.physical_min, value))
    if quantity.unit == "%":
        # Scores come from short exercises (5 or 10 items): multiples of 10 %, rounded
        # down on a failure so that it stays a failure.
        tens = round(value / 10) if succeed else math.floor(value / 10)
        return float(tens * 10)
    return round(value, _decimals(width, quantity.unit))
