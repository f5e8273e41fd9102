/**
 * Sets `key` as an own, enumerable data property. Keys come from files (field names, GeoJSON properties):
 * a plain assignment `object['__proto__'] = value` would replace the object's prototype instead and the
 * value would silently vanish; a field called `__proto__` or `constructor` is data like any other.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
