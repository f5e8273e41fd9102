import type { Position } from 'geojson';
import type { Vec } from './triangulate';

const WGS84_A = 6_378_137;
const WGS84_E2 = 0.006_694_379_990_14;

/** Rounds a coordinate to 7 decimals (about 1 cm), as the interchange profile asks. */
export function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

/**
 * A local equirectangular frame in metres around an origin. Over a few kilometres it is accurate to a few
 * parts in ten thousand and, being affine, keeps every containment the generator relies on.
 */
export class LocalFrame {
  private readonly metresPerDegreeLon: number;
  private readonly metresPerDegreeLat: number;

  constructor(
    readonly originLon: number,
    readonly originLat: number,
  ) {
    // Radii of curvature of the WGS84 ellipsoid at the origin's latitude.
    const phi = (originLat * Math.PI) / 180;
    const w = 1 - WGS84_E2 * Math.sin(phi) ** 2;
    const radian = Math.PI / 180;
    this.metresPerDegreeLon = ((WGS84_A * Math.cos(phi)) / Math.sqrt(w)) * radian;
    this.metresPerDegreeLat = ((WGS84_A * (1 - WGS84_E2)) / w ** 1.5) * radian;
  }

  /** Longitude/latitude, rounded to 7 decimals, of a local point. */
  toLonLat(p: Vec): Position {
    return [
      round7(this.originLon + p.x / this.metresPerDegreeLon),
      round7(this.originLat + p.y / this.metresPerDegreeLat),
    ];
  }

  /** The local point of a longitude/latitude. */
  toLocal(position: Position): Vec {
    return {
      x: (position[0]! - this.originLon) * this.metresPerDegreeLon,
      y: (position[1]! - this.originLat) * this.metresPerDegreeLat,
    };
  }
}
