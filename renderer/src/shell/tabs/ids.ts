/** DOM ids for a tab and its panel (tab keys may hold characters ids should not). */
const safe = (key: string) => key.replace(/[^A-Za-z0-9_-]/g, '_');
export const tabDomId = (key: string) => `tab-${safe(key)}`;
export const panelDomId = (key: string) => `tabpanel-${safe(key)}`;
/** What a tab is called on screen and for assistive technology: a dirty tab ends in "•". */
export const tabLabel = (title: string, dirty: boolean) => (dirty ? `${title} •` : title);
