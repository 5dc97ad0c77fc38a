/**
 * The explorer's canvas (sigma + graphology): draws one neighbourhood, lays it out with
 * ForceAtlas2 in a web worker for a moment, highlights the hovered node and its edges, and
 * re-centres on an item when it is clicked.
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
}

function Loader({ graph, onSelectItem, onLayout }: Props & { onLayout: (state: 'running' | 'done') => void }) {
  const sigma = useSigma<NodeAttrs, EdgeAttrs>();
  const loadGraph = useLoadGraph<NodeAttrs, EdgeAttrs>();
  const registerEvents = useRegisterEvents<NodeAttrs, EdgeAttrs>();
  const setSettings = useSetSettings<NodeAttrs, EdgeAttrs>();
  const [hovered, setHovered] = useState<string | null>(null);

  useEffect(() => {
    loadGraph(graph);
    const g = sigma.getGraph();
    const fa2 = new FA2LayoutSupervisor(g, { settings: { ...inferSettings(g), gravity: 1, barnesHutOptimize: false } });
    onLayout('running');
    fa2.start();
    sigma.getCamera().animatedReset({ duration: 300 });
    const t = setTimeout(() => {
      fa2.stop();
      onLayout('done');
      sigma.getCamera().animatedReset({ duration: 300 });
    }, LAYOUT_MS);
    return () => {
      clearTimeout(t);
      fa2.kill();
    };
  }, [graph, loadGraph, sigma, onLayout]);

  useEffect(() => {
    registerEvents({
      enterNode: (e) => setHovered(e.node),
      leaveNode: () => setHovered(null),
      clickNode: (e) => {
        const a = sigma.getGraph().getNodeAttributes(e.node);
        if (a.kind === 'item') onSelectItem(a.index);
      },
    });
  }, [registerEvents, sigma, onSelectItem]);

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

export function NeighbourhoodGraph({ graph, onSelectItem }: Props) {
  const [layout, setLayout] = useState<'running' | 'done'>('running');
  return (
    <div className="graph-canvas" data-testid="graph-canvas" data-layout={layout}>
      <SigmaContainer
        style={{ width: '100%', height: '100%' }}
        settings={{ renderEdgeLabels: false, labelRenderedSizeThreshold: 7, zIndex: true, labelSize: 11, labelFont: 'system-ui, sans-serif' }}
      >
        <Loader graph={graph} onSelectItem={onSelectItem} onLayout={setLayout} />
      </SigmaContainer>
    </div>
  );
}
