import { create } from 'zustand';

/** The Connection manager dialog is one for the whole window (sign-in screen, System area). */
export const useConnectionManager = create<{ open: boolean }>()(() => ({ open: false }));
export const openConnectionManager = () => useConnectionManager.setState({ open: true });
export const closeConnectionManager = () => useConnectionManager.setState({ open: false });
