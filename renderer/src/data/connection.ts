import { create } from 'zustand';
import { transportKind } from '../api/client';
import { onConnectionState, type ConnectionState } from '../api/httpTransport';

/** Browser mode: the event socket's state for the status bar ('connecting' until it first opens). */
export const useEventConnection = create<{ state: ConnectionState | 'connecting' }>()(() => ({ state: 'connecting' }));

if (transportKind === 'http') {
  // Subscribed at import, before any component mounts, so the first "connected" is not missed.
  onConnectionState((state) => useEventConnection.setState({ state }));
}
