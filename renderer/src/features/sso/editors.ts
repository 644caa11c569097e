import { createContext, useContext, useEffect, useRef } from 'react';

/** Forms of the SSO tab (OpenID Connect, Circuit) tell the tab whether they are dirty and how to save (Ctrl+S). */
export interface FormRegistry {
  set(name: string, entry: { dirty: boolean; save: () => Promise<boolean> } | null): void;
}
export const FormRegistryContext = createContext<FormRegistry | null>(null);

export function useRegisterForm(name: string, dirty: boolean, save: () => Promise<boolean>): void {
  const registry = useContext(FormRegistryContext);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  useEffect(() => {
    registry?.set(name, { dirty, save: () => saveRef.current() });
  }, [registry, name, dirty]);
  useEffect(() => () => registry?.set(name, null), [registry, name]);
}
