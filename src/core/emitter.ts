/** Unsubscribes the handler it was returned for. */
export type Unsubscribe = () => void;

export interface Emitter<Events> {
  on<K extends keyof Events>(type: K, handler: (payload: Events[K]) => void): Unsubscribe;
  emit<K extends keyof Events>(type: K, payload: Events[K]): void;
}

/**
 * A typed event emitter in the mitt pattern. A handler that throws is reported and skipped:
 * one broken listener must neither stop the others nor reach the SDK's caller.
 */
export function createEmitter<Events>(onError: (error: unknown) => void): Emitter<Events> {
  const handlers = new Map<keyof Events, Set<(payload: never) => void>>();
  return {
    on(type, handler) {
      let set = handlers.get(type);
      if (!set) handlers.set(type, (set = new Set()));
      set.add(handler);
      return () => void set!.delete(handler);
    },
    emit(type, payload) {
      for (const handler of [...(handlers.get(type) ?? [])]) {
        try {
          (handler as (p: typeof payload) => void)(payload);
        } catch (error) {
          onError(error);
        }
      }
    },
  };
}
