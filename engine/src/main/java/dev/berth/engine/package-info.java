/** Berth's embedded container engine: conmon + runc underneath, the Docker Engine API on top. */
package dev.berth.engine;
