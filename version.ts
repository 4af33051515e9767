/**
 * The package version.
 *
 * @module
 */

/** The package version string. */
export const version = "0.1.0";

/** The version as numbers: `[major, minor, patch]`. */
export const versionInfo: readonly [number, number, number] = [0, 1, 0];
