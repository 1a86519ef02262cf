"""A few demo services with no digitisation level, stage or service type recorded, as real
catalogues have: so every page shows how it treats a value that is not recorded."""

from __future__ import annotations

import numpy as np

from db.demo.draw import CatalogueFrames

#: How many demo services have no digitisation level, and how many no stage.
NO_LEVEL, NO_STAGE = 9, 4
#: How many demo services have no service type recorded; in a generated catalogue, what share.
NO_TYPE, NO_TYPE_SHARE = 12, 0.03


def leave_some_unrecorded(
    frames: CatalogueFrames, seed: int, no_level: int = NO_LEVEL, no_stage: int = NO_STAGE
) -> None:
    """Clear the level of `no_level` services and the stage of `no_stage` others.

    Deep dives keep theirs (they were surveyed). A generator of its own, from the seed, so the
    rest of the demo draws exactly as before.
    """
    services = frames.services
    rng = np.random.default_rng(seed + 1)
    pool = np.flatnonzero(~services["is_deep_dive"].to_numpy())
    picked = rng.choice(pool, size=min(len(pool), no_level + no_stage), replace=False)
    levels = services["digitisation_level"].astype("Int64")
    levels.iloc[picked[:no_level].tolist()] = None
    services["digitisation_level"] = levels
    stages = services["stage"].astype(object)
    stages.iloc[picked[no_level:]] = None
    services["stage"] = stages


def leave_some_types_unrecorded(frames: CatalogueFrames, seed: int, count: int) -> None:
    """Clear the service type of `count` services (deep dives keep theirs: they were surveyed).

    A generator of its own, from the seed, so every other draw stays as it was.
    """
    services = frames.services
    rng = np.random.default_rng(seed + 2)
    pool = np.flatnonzero(~services["is_deep_dive"].to_numpy())
    picked = rng.choice(pool, size=min(len(pool), count), replace=False)
    types = services["service_type"].astype(object)
    types.iloc[picked] = None
    services["service_type"] = types
