import { useEffect } from 'react';
import { useRegisterEvents } from '@react-sigma/core';

export interface GraphEventHandlers {
  onClickNode: (id: string) => void;
  onDoubleClickNode: (id: string) => void;
  onClickEdge: (id: string) => void;
  onClickStage: () => void;
}

/** Wires canvas clicks to the explorer's actions. Double-click expands instead of zooming. Renders nothing. */
export function EventsController(handlers: GraphEventHandlers) {
  const register = useRegisterEvents();
  const { onClickNode, onDoubleClickNode, onClickEdge, onClickStage } = handlers;
  useEffect(() => {
    register({
      clickNode: (e) => onClickNode(e.node),
      doubleClickNode: (e) => {
        e.preventSigmaDefault();
        onDoubleClickNode(e.node);
      },
      clickEdge: (e) => onClickEdge(e.edge),
      clickStage: () => onClickStage(),
      enterNode: () => document.body.classList.add('pointer'),
      leaveNode: () => document.body.classList.remove('pointer'),
    });
  }, [register, onClickNode, onDoubleClickNode, onClickEdge, onClickStage]);
  return null;
}
