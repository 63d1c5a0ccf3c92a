import { createContext, useContext, type ReactNode } from 'react';
import type { MessageKey } from '../i18n/catalog';

/** One entry of the signed-in user's menu (what their role opens). */
export interface MenuEntry {
  path: string;
  label: MessageKey;
  icon: ReactNode;
}

/** The layout provides its menu to the pages (so a page never imports the route table it is in). */
export const MenuContext = createContext<readonly MenuEntry[]>([]);

export const useMenu = (): readonly MenuEntry[] => useContext(MenuContext);
