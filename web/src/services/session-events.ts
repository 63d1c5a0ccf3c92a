type Listener = () => void;
const listeners = new Set<Listener>();

/**
 * "The server says this session has ended": raised by the Apollo client (which is created before
 * the session provider mounts), heard by the session provider.
 */
export const sessionEnded = {
  emit(): void {
    for (const listener of listeners) listener();
  },
  listen(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
