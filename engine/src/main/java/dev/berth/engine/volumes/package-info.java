/**
 * Volumes of the local driver: create, list, inspect, remove, prune, seeding from an image on first use, mount
 * tracking for volumes with driver options, and sizes for {@code /system/df}; served as Docker's {@code /volumes}.
 */
package dev.berth.engine.volumes;
