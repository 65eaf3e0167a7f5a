"""The fault proxy's settings, and the seeded dice that decide which calls fail and how.

Settings change at runtime (POST /__proxy/config) while calls are in flight, so every call
takes one consistent snapshot of them when it arrives.
"""
import random
import threading
from dataclasses import asdict, dataclass, replace

OUTCOMES = ("ok", "throttled", "error", "dropped", "conflict", "upstream_error")


@dataclass(frozen=True)
class Settings:
    latency_ms: float = 0.0  # added before every proxied call
    throttle_rate: float = 0.0  # share of calls answered with ThrottlingException (HTTP 400)
    error_rate: float = 0.0  # share answered with InternalServerError (HTTP 500)
    drop_rate: float = 0.0  # share whose connection is closed without any response
    drop_after_share: float = 0.5  # of the drops, the share made after the upstream did the work
    seed: int | None = None  # fixes the fault sequence (for calls made in the same order)
    fault_operations: tuple = ()  # operations faults apply to; empty means all
    backup_seconds: float = 0.0  # CreateBackup → CREATING for this long
    restore_seconds: float = 0.0  # restored tables → CREATING, RestoreInProgress, for this long
    delete_seconds: float = 0.0  # deleted tables → DELETING for this long
    update_seconds: float = 0.0  # UpdateTable → UPDATING for this long

    def merged(self, changes: dict) -> "Settings":
        """These settings with `changes` applied; raises ValueError naming a bad key or value."""
        known = {name for name in asdict(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        values = {}
        for key, value in changes.items():
            if key == "seed":
                values[key] = None if value is None else int(value)
            elif key == "fault_operations":
                items = value.split(",") if isinstance(value, str) else list(value or [])
                values[key] = tuple(item.strip() for item in items if item.strip())
            else:
                number = float(value)
                if number < 0:
                    raise ValueError(f"{key} must not be negative")
                values[key] = number
        merged = replace(self, **values)
        for key in ("throttle_rate", "error_rate", "drop_rate", "drop_after_share"):
            if getattr(merged, key) > 1:
                raise ValueError(f"{key} must be between 0 and 1")
        if merged.throttle_rate + merged.error_rate + merged.drop_rate > 1 + 1e-9:
            raise ValueError("throttle_rate + error_rate + drop_rate must not exceed 1")
        return merged

    def as_json(self) -> dict:
        values = asdict(self)
        values["fault_operations"] = list(self.fault_operations)
        return values


@dataclass(frozen=True)
class Fault:
    """What to do to one call: nothing, answer with an error, or drop before/after upstream."""

    kind: str = "none"  # none, throttle, error, drop_before, drop_after


NO_FAULT = Fault()


class FaultDice:
    """One RNG under a lock: the same seed and the same order of calls give the same faults.

    Only calls that faults may apply to roll the dice, so calls outside `fault_operations`
    (and the control API) never shift the sequence.
    """

    def __init__(self, seed=None):
        self._lock = threading.Lock()
        self._rng = random.Random(seed)

    def reseed(self, seed) -> None:
        with self._lock:
            self._rng = random.Random(seed)

    def roll(self, settings: Settings, operation: str) -> Fault:
        if settings.fault_operations and operation not in settings.fault_operations:
            return NO_FAULT
        if settings.throttle_rate + settings.error_rate + settings.drop_rate <= 0:
            return NO_FAULT
        with self._lock:
            draw = self._rng.random()
            # Always a second draw, so the sequence of decisions does not depend on the first.
            after = self._rng.random() < settings.drop_after_share
        if draw < settings.throttle_rate:
            return Fault("throttle")
        draw -= settings.throttle_rate
        if draw < settings.error_rate:
            return Fault("error")
        draw -= settings.error_rate
        if draw < settings.drop_rate:
            return Fault("drop_after" if after else "drop_before")
        return NO_FAULT


def describe(settings: Settings) -> str:
    """A one-line summary for the proxy's log."""
    defaults = Settings().as_json()
    changed = {key: value for key, value in settings.as_json().items() if value != defaults[key]}
    return ", ".join(f"{key}={value}" for key, value in sorted(changed.items())) or "transparent"

