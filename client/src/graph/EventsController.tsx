import { useEffect } from 'react';
import { useRegisterEvents, useSigma } from '@react-sigma/core';
import { edgeNear } from './pick';

export interface GraphEventHandlers {
  /** `shift`: the shift key was held (multi-select) */
  onClickNode: (id: string, shift: boolean) => void;
  /** right-click on a node, at this point of the page (the "Expand by" menu) */
  onRightClickNode?: (id: string, x: number, y: number) => void;
  onDoubleClickNode: (id: string) => void;
  onClickEdge: (id: string) => void;
  onClickStage: () => void;
}

/**
 * Wires canvas clicks to the explorer's actions. Double-click expands instead of zooming. Sigma's edge events are
 * off (`enableEdgeEvents: false`, graph/settings.ts), so edges are picked here: a click on the stage within a few
 * pixels of an edge selects that edge (graph/pick.ts). Renders nothing.
 */
export function EventsController(handlers: GraphEventHandlers) {
  const register = useRegisterEvents();
  const sigma = useSigma();
  const { onClickNode, onDoubleClickNode, onClickEdge, onClickStage, onRightClickNode } = handlers;
  useEffect(() => {
    register({
      clickNode: (e) => onClickNode(e.node, e.event.original.shiftKey),
      rightClickNode: (e) => {
        if (!onRightClickNode) return;
        e.preventSigmaDefault();
        e.event.original.preventDefault();
        const original = e.event.original as MouseEvent;
        onRightClickNode(e.node, original.clientX, original.clientY);
      },
      doubleClickNode: (e) => {
        e.preventSigmaDefault();
        onDoubleClickNode(e.node);
      },
      clickStage: (e) => {
        const near = edgeNear(sigma, e.event);
        if (near) onClickEdge(near);
        else onClickStage();
      },
      enterNode: () => document.body.classList.add('pointer'),
      leaveNode: () => document.body.classList.remove('pointer'),
    });
  }, [register, sigma, onClickNode, onDoubleClickNode, onClickEdge, onClickStage, onRightClickNode]);
  return null;
}
