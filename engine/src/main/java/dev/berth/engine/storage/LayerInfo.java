package dev.berth.engine.storage;

/**
 * One image layer in the store.
 *
 * @param chainId       the key: the chain ID of this layer and all below it
 * @param diffId        digest of this layer's uncompressed tar
 * @param parentChainId the layer below, or null for a base layer
 * @param size          bytes of file content the layer added (moby's layer size)
 */
public record LayerInfo(String chainId, String diffId, String parentChainId, long size) {
}
