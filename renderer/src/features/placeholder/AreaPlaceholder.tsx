import { makeStyles, tokens, Badge } from '@fluentui/react-components';
import type { Area } from '../../../../electron/contract';
import { areaDef } from '../../areas/areas';
import type { Tab } from '../../shell/tabs/store';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: tokens.spacingVerticalM,
    maxWidth: '560px',
    margin: '0 auto',
    paddingTop: '72px',
    paddingLeft: tokens.spacingHorizontalXL,
    paddingRight: tokens.spacingHorizontalXL,
  },
  icon: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: '56px',
    height: '56px',
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
    '& svg': { width: '28px', height: '28px' },
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  text: { margin: 0, color: tokens.colorNeutralForeground2, lineHeight: tokens.lineHeightBase400 },
});

/** An area that is not built yet: what it will do, and that it is not available — no sample data. */
export function AreaPlaceholder({ tab }: { tab: Tab<{ area: Area }> }) {
  const styles = useStyles();
  const def = areaDef(tab.params.area);
  if (!def) return null;
  return (
    <section className={styles.root} aria-labelledby={`placeholder-${def.id}`} data-testid={`placeholder-${def.id}`}>
      <div className={styles.icon} aria-hidden="true">
        <def.icon />
      </div>
      <h2 className={styles.title} id={`placeholder-${def.id}`}>
        {def.label}
      </h2>
      <p className={styles.text}>{def.description}</p>
      <Badge appearance="tint" color="informative" size="large">
        Not available yet
      </Badge>
    </section>
  );
}
