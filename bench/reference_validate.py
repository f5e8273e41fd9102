#!/usr/bin/python3
"""Reference for `npm run bench`: the core of `gridplan validate` done with GEOS (shapely) and numpy.

Usage: /usr/bin/python3 bench/reference_validate.py CITY.geojson

What a careful Python developer would write for the same job: json.load, shapely polygons, an STRtree
over the grids, grid-grid overlaps (intersects, not touches, intersection area), validity of every area,
and census points counted per grid with a bounding-box prefilter and vectorised point-in-polygon.
Prints one JSON line with counts, so the bench can see that it did the whole job.
"""
import json
import sys

import numpy as np
from shapely.geometry import shape
from shapely.strtree import STRtree
from shapely import vectorized


def main(path):
    with open(path, "rb") as f:
        data = json.load(f)
    grids, areas_other = [], []
    xs, ys, hh, pop = [], [], [], []
    for feature in data["features"]:
        props = feature["properties"]
        layer = props["layer"]
        geometry = feature["geometry"]
        if layer == "census":
            x, y = geometry["coordinates"][:2]
            xs.append(x)
            ys.append(y)
            hh.append(props.get("households", 1))
            pop.append(props.get("population", 0))
        elif layer == "grid":
            grids.append(shape(geometry))
        else:
            areas_other.append(shape(geometry))
    x = np.asarray(xs, dtype=np.float64)
    y = np.asarray(ys, dtype=np.float64)
    households = np.asarray(hh, dtype=np.float64)
    population = np.asarray(pop, dtype=np.float64)
    del xs, ys, hh, pop, data

    invalid = sum(1 for g in grids + areas_other if not g.is_valid)

    # Overlaps between grids: STRtree candidates, then the exact intersection.
    tree = STRtree(grids)
    index_of = {id(g): i for i, g in enumerate(grids)}
    overlaps = 0
    for i, g in enumerate(grids):
        for other in tree.query(g):
            j = index_of[id(other)]
            if j <= i:
                continue
            if g.intersects(other) and not g.touches(other):
                if g.intersection(other).area > 0:
                    overlaps += 1

    # Census points per grid: bounding-box prefilter, then vectorised point-in-polygon.
    assigned = np.zeros(x.shape[0], dtype=bool)
    grid_households = np.zeros(len(grids))
    grid_population = np.zeros(len(grids))
    for i, g in enumerate(grids):
        minx, miny, maxx, maxy = g.bounds
        candidates = np.nonzero((x >= minx) & (x <= maxx) & (y >= miny) & (y <= maxy))[0]
        if candidates.size == 0:
            continue
        inside = candidates[vectorized.contains(g, x[candidates], y[candidates])]
        assigned[inside] = True
        grid_households[i] = households[inside].sum()
        grid_population[i] = population[inside].sum()
    print(
        json.dumps(
            {
                "grids": len(grids),
                "points": int(x.shape[0]),
                "invalid": invalid,
                "overlaps": overlaps,
                "unassigned": int((~assigned).sum()),
                "households": float(grid_households.sum()),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
