/**
 * The explorer's canvas (sigma + graphology): draws one neighbourhood, lays it out with
 * ForceAtlas2 in a web worker for a moment, highlights the hovered node and its edges, and
 * re-centres on an item when it is clicked. The container states what is hovered
 * (`data-hovered`: node key, `data-hovered-edges`: its highlighted edges) and, once the layout
 * has settled, where each node is drawn (`data-positions`: JSON of {key, kind, x, y, size} in
 * container pixels), so the highlight and the click targets can be checked from outside.
 */
import { useEffect, useState } from 'react';
import { SigmaContainer, useLoadGraph, useRegisterEvents, useSetSettings, useSigma } from '@react-sigma/core';
import '@react-sigma/core/lib/style.css';
import FA2LayoutSupervisor from 'graphology-layout-forceatlas2/worker';
import { inferSettings } from 'graphology-layout-forceatlas2';
import type Graph from 'graphology';
import type { EdgeAttrs, NodeAttrs } from './neighbourhood-model';

const LAYOUT_MS = 1500;

interface Props {
  graph: Graph<NodeAttrs, EdgeAttrs>;
  onSelectItem: (item: number) => void;
  /** The hovered item (query or neighbour), or null. */
  onHoverItem?: (item: number | null) => void;
}

/** A drawn node in container pixels. */
export interface NodePosition {
  key: string;
  kind: NodeAttrs['kind'];
  index: number;
  x: number;
  y: number;
  size: number;
}

interface LoaderProps extends Props {
  hovered: string | null;
  setHovered: (key: string | null) => void;
  onLayout: (state: 'running' | 'done') => void;
  onPositions: (p: NodePosition[]) => void;
}

function Loader({ graph, onSelectItem, onHoverItem, hovered, setHovered, onLayout, onPositions }: LoaderProps) {
  const sigma = useSigma<NodeAttrs, EdgeAttrs>();
  const loadGraph = useLoadGraph<NodeAttrs, EdgeAttrs>();
  const registerEvents = useRegisterEvents<NodeAttrs, EdgeAttrs>();
  const setSettings = useSetSettings<NodeAttrs, EdgeAttrs>();

  useEffect(() => {
    loadGraph(graph);
    const g = sigma.getGraph();
    const fa2 = new FA2LayoutSupervisor(g, { settings: { ...inferSettings(g), gravity: 1, barnesHutOptimize: false } });
    onLayout('running');
    fa2.start();
    sigma.getCamera().animatedReset({ duration: 300 });
    // where each node is drawn, once the layout and the camera have settled (and after camera moves)
    let settled = false;
    let frame = 0;
    const publish = (): void => {
      if (!settled) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const out: NodePosition[] = [];
        g.forEachNode((key, a) => {
          const d = sigma.getNodeDisplayData(key);
          if (!d) return;
          const v = sigma.framedGraphToViewport(d);
          out.push({ key, kind: a.kind, index: a.index, x: Math.round(v.x), y: Math.round(v.y), size: sigma.scaleSize(d.size) });
        });
        onPositions(out);
      });
    };
    const camera = sigma.getCamera();
    camera.on('updated', publish);
    let t2: ReturnType<typeof setTimeout> | undefined;
    const t = setTimeout(() => {
      fa2.stop();
      camera.animatedReset({ duration: 300 });
      t2 = setTimeout(() => {
        settled = true;
        publish();
        onLayout('done');
      }, 350);
    }, LAYOUT_MS);
    return () => {
      clearTimeout(t);
      clearTimeout(t2);
      cancelAnimationFrame(frame);
      camera.off('updated', publish);
      fa2.kill();
    };
  }, [graph, loadGraph, sigma, onLayout, onPositions]);

  useEffect(() => {
    registerEvents({
      enterNode: (e) => {
        setHovered(e.node);
        const a = sigma.getGraph().getNodeAttributes(e.node);
        onHoverItem?.(a.kind === 'shopper' ? null : a.index);
      },
      leaveNode: () => {
        setHovered(null);
        onHoverItem?.(null);
      },
      clickNode: (e) => {
        const a = sigma.getGraph().getNodeAttributes(e.node);
        if (a.kind === 'item') onSelectItem(a.index);
      },
    });
  }, [registerEvents, sigma, onSelectItem, onHoverItem, setHovered]);

  useEffect(() => {
    const g = sigma.getGraph();
    setSettings({
      nodeReducer: (node, data) => {
        if (!hovered) return data;
        if (node === hovered) return { ...data, highlighted: true, forceLabel: true, zIndex: 2 };
        if (g.hasNode(hovered) && g.areNeighbors(node, hovered)) return { ...data, forceLabel: true, zIndex: 1 };
        return { ...data, color: '#e3e7ec', label: '', zIndex: 0 };
      },
      edgeReducer: (edge, data) => {
        if (!hovered) return data;
        if (g.hasExtremity(edge, hovered)) return { ...data, color: '#2557d6', size: 2, zIndex: 1 };
        return { ...data, color: '#eef1f5' };
      },
    });
  }, [hovered, setSettings, sigma]);

  return null;
}

export function NeighbourhoodGraph({ graph, onSelectItem, onHoverItem }: Props) {
  const [layout, setLayout] = useState<'running' | 'done'>('running');
  const [hovered, setHovered] = useState<string | null>(null);
  const [positions, setPositions] = useState<NodePosition[]>([]);
  // a new neighbourhood: nothing hovered, positions again once its layout settles
  useEffect(() => {
    setHovered(null);
    setPositions([]);
    onHoverItem?.(null);
  }, [graph, onHoverItem]);
  const hoveredEdges = hovered && graph.hasNode(hovered) ? graph.degree(hovered) : 0;
  return (
    <div
      className="graph-canvas"
      data-testid="graph-canvas"
      data-layout={layout}
      data-hovered={hovered ?? ''}
      data-hovered-edges={hoveredEdges}
      data-positions={JSON.stringify(positions)}
    >
      <SigmaContainer
        style={{ width: '100%', height: '100%' }}
        settings={{ renderEdgeLabels: false, labelRenderedSizeThreshold: 7, zIndex: true, labelSize: 11, labelFont: 'system-ui, sans-serif' }}
      >
        <Loader
          graph={graph}
          onSelectItem={onSelectItem}
          onHoverItem={onHoverItem}
          hovered={hovered}
          setHovered={setHovered}
          onLayout={setLayout}
          onPositions={setPositions}
        />
      </SigmaContainer>
    </div>
  );
}
