import { CounterBadge, makeStyles, mergeClasses, tokens, useArrowNavigationGroup } from '@fluentui/react-components';
import { areaList } from '../../areas/areas';
import { visibleAreas } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import { openArea } from '../../areas/openArea';
import { useTabs } from '../tabs/store';
import { useCriticalAlarms } from './useCriticalAlarms';

const useStyles = makeStyles({
  nav: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    width: '196px',
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    overflowY: 'auto',
    boxSizing: 'border-box',
  },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: {
    position: 'relative',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    width: '100%',
    height: '32px',
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalS,
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    textAlign: 'left',
    cursor: 'pointer',
    outlineStyle: 'none',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover, color: tokens.colorNeutralForeground1 },
    ':active': { backgroundColor: tokens.colorSubtleBackgroundPressed },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  selected: {
    backgroundColor: tokens.colorSubtleBackgroundSelected,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    '::before': {
      content: '""',
      position: 'absolute',
      left: '2px',
      top: '8px',
      bottom: '8px',
      width: '3px',
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandForeground1,
    },
  },
  icon: { display: 'flex', flexShrink: 0 },
  selectedIcon: { color: tokens.colorCompoundBrandForeground1 },
  li: { position: 'relative' },
  badge: {
    position: 'absolute',
    right: tokens.spacingHorizontalS,
    top: '50%',
    transform: 'translateY(-50%)',
    pointerEvents: 'none',
  },
});

/**
 * The areas the user's type grants (read or read-write), in the seeds' order; the area of
 * the tab in front is highlighted. Arrow keys move between items.
 */
export function NavPane() {
  const styles = useStyles();
  const arrows = useArrowNavigationGroup({ axis: 'vertical', circular: true });
  const activeArea = useTabs((s) => s.tabs.find((t) => t.key === s.activeKey)?.area ?? null);
  const permissions = useAuthStatus().data?.user?.permissions;
  const critical = useCriticalAlarms();

  return (
    <nav className={styles.nav} aria-label="Areas" data-testid="nav">
      <ul className={styles.list} {...arrows}>
        {visibleAreas(areaList(), permissions).map((area) => {
          const selected = area.id === activeArea;
          return (
            <li key={area.id} className={styles.li}>
              <button
                type="button"
                className={mergeClasses(styles.item, selected && styles.selected)}
                aria-current={selected ? 'page' : undefined}
                data-testid={`nav-${area.id}`}
                aria-describedby={
                  area.id === 'alarms' && critical.badge && critical.count > 0 ? 'nav-alarms-critical' : undefined
                }
                title={area.description}
                onClick={() => openArea(area.id)}
              >
                <span className={mergeClasses(styles.icon, selected && styles.selectedIcon)} aria-hidden="true">
                  <area.icon />
                </span>
                {area.label}
              </button>
              {area.id === 'alarms' && critical.badge && critical.count > 0 && (
                // Beside the button, not in it: the item's name stays "Alarms"; the button is described by the count.
                <CounterBadge
                  id="nav-alarms-critical"
                  className={styles.badge}
                  count={critical.count}
                  overflowCount={999}
                  color="danger"
                  size="small"
                  data-testid="alarms-critical-badge"
                  aria-label={`${critical.count} open Critical alarm${critical.count === 1 ? '' : 's'}`}
                />
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
