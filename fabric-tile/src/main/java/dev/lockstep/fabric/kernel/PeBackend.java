package dev.lockstep.fabric.kernel;

import dev.lockstep.fabric.device.DeviceStatus;
import dev.lockstep.fabric.frame.FrameException;
import dev.lockstep.fabric.frame.FrameRegisters;
import dev.lockstep.fabric.frame.FrameResult;
import dev.lockstep.fabric.pt5.Pt5Mapping;
import dev.lockstep.fabric.pt5.Pt5Options;
import dev.lockstep.fabric.tile.Tile;
import dev.lockstep.fabric.tile.TileException;

/**
 * The {@code pe} fidelity: N register-level {@link Tile}s stepped in lockstep, each given the same frame
 * registers and its TILE_MASK bit, as one shared frame controller would (tfmbs.md 4.4). A stand-in
 * for the multi-tile fabric top until that lands; the edge count is the number of {@link Tile#step()}
 * calls from the one that accepts START to the one that raises DONE.
 */
public final class PeBackend implements FabricBackend {
    private final Tile[] tiles;
    private final int lanes;
    private final Pt5Mapping mapping;
    private final FrameResult out;

    public PeBackend(int tiles) {
        this(tiles, 15, Pt5Options.DEFAULT);
    }

    public PeBackend(int tileCount, int lanes, Pt5Options options) {
        if (tileCount < 1 || tileCount > 32) {
            throw new IllegalArgumentException("tiles must be in 1..32, got " + tileCount);
        }
        tiles = new Tile[tileCount];
        for (int t = 0; t < tileCount; t++) {
            tiles[t] = new Tile(lanes, options);
        }
        this.lanes = lanes;
        mapping = options.mapping();
        out = new FrameResult(tileCount, lanes);
    }

    @Override
    public String fidelity() {
        return "pe";
    }

    @Override
    public int tiles() {
        return tiles.length;
    }

    @Override
    public Pt5Mapping mapping() {
        return mapping;
    }

    @Override
    public int lanes() {
        return lanes;
    }

    @Override
    public void loadWeight(int tile, int index, int word) {
        try {
            checkTile(tile).loadWeight(index, word);
        } catch (TileException e) {
            throw new FrameException(e.status(), "tile " + tile + " " + strip(e));
        }
    }

    @Override
    public void loadInput(int tile, int index, int word) {
        try {
            checkTile(tile).loadInput(index, word);
        } catch (TileException e) {
            throw new FrameException(e.status(), "tile " + tile + " " + strip(e));
        }
    }

    /** The tile's message without its status suffix, which FrameException adds back. */
    private static String strip(TileException e) {
        String m = e.getMessage();
        int at = m.lastIndexOf(" (");
        return at < 0 ? m : m.substring(0, at);
    }

    private Tile checkTile(int tile) {
        if (tile < 0 || tile >= tiles.length) {
            throw new FrameException(DeviceStatus.ERR_ADDR, "tile " + tile + ": allowed 0.." + (tiles.length - 1));
        }
        return tiles[tile];
    }

    @Override
    public FrameResult run(FrameRegisters f) {
        for (int t = 0; t < tiles.length; t++) {
            Tile tile = tiles[t];
            tile.setBase(f.base());
            tile.setDepth(f.depth());
            tile.setStride(f.stride());
            tile.setHints(f.hints());
            tile.setLaneCount(f.laneCount());
            tile.setLaneMask(f.laneMask());
            tile.setTileEnabled(f.tileEnabled(t));
            tile.start();
        }
        int edges = 0;
        do {
            for (Tile tile : tiles) {
                tile.step();
            }
            edges++;
        } while (!tiles[0].done());
        for (int t = 0; t < tiles.length; t++) {
            Tile tile = tiles[t];
            for (int i = 0; i < lanes; i++) {
                out.set(t, i, tile.result(i), tile.skipCount(i), tile.activeCycles(i));
            }
            out.setTile(t, tile.overflowMask(), tile.utilization());
        }
        out.setTiming(tiles[0].cycles(), edges);
        return out;
    }
}
