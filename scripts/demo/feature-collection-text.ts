import type { FeatureCollection } from 'geojson';

/**
 * JSON text of a FeatureCollection with one feature per line: the same data as JSON.stringify, but a
 * change to the committed demo shows up in a diff as the features that changed, not as one huge line.
 */
export function featureCollectionText(collection: FeatureCollection): string {
  const { features, ...members } = collection;
  const head = JSON.stringify(members);
  const lines = features.map((feature) => JSON.stringify(feature));
  return `${head.slice(0, -1)},"features":[\n${lines.join(',\n')}\n]}\n`;
}
