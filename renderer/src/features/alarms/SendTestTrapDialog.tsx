import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  Select,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { ccm } from '../../api/client';
import { serverErrors, useCommand } from '../../ui/kit';

const useStyles = makeStyles({ col: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

/** Sends a trap to this console's own listener, as a server would (v1, v2c, or an inform that must be acknowledged). */
export function SendTestTrapDialog({ onClose }: { onClose(result?: string): void }) {
  const styles = useStyles();
  const [version, setVersion] = useState<'v1' | 'v2c' | 'inform'>('v1');
  const [trapOid, setTrapOid] = useState('');
  const [message, setMessage] = useState('Fail to connect to Broker.');
  const sendCommand = useCommand(() => ccm.alarms.sendTestTrap({ version, trapOid, message }), {
    onSuccess: (sent) =>
      onClose(
        `Sent a ${version === 'inform' ? 'v2c inform' : `${version} trap`} to ${sent.target}` +
          `${sent.acknowledged ? ' — acknowledged' : ''}.`,
      ),
  });
  const busy = sendCommand.busy;
  const placed = serverErrors(sendCommand.error, { fields: ['trapOid'] });
  const send = async () => {
    await sendCommand.run();
  };
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Send test trap</DialogTitle>
          <DialogContent className={styles.col}>
            <Field label="Version">
              <Select
                value={version}
                data-testid="test-trap-version"
                onChange={(_, d) => setVersion(d.value as typeof version)}
              >
                <option value="v1">SNMPv1 trap</option>
                <option value="v2c">SNMPv2c trap</option>
                <option value="inform">SNMPv2c inform (acknowledged)</option>
              </Select>
            </Field>
            <Field
              label="Trap OID"
              hint={
                'Empty: a MiCC Enterprise event as servers send it (event 1 from Contact Center Console, ' +
                'Informational). Or an OID or a MIB name (linkDown)'
              }
              validationMessage={placed.fields.trapOid}
            >
              <Input value={trapOid} data-testid="test-trap-oid" onChange={(_, d) => setTrapOid(d.value)} />
            </Field>
            <Field label="Message ($1)" validationMessage={placed.message}>
              <Input value={message} data-testid="test-trap-message" onChange={(_, d) => setMessage(d.value)} />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={busy}
              icon={busy ? <Spinner size="tiny" /> : undefined}
              data-testid="test-trap-send"
              onClick={() => void send()}
            >
              Send
            </Button>
            <Button onClick={() => onClose()}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
