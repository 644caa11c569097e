import { MessageBar, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';

/** Loading / failed placeholder for a query-backed view. */
export function QueryState(props: { isPending: boolean; error: Error | null; what: string }) {
  if (props.error) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>
          <MessageBarTitle>Could not load {props.what}</MessageBarTitle>
          {props.error.message}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (props.isPending) return <Spinner size="small" label={`Loading ${props.what}…`} labelPosition="after" />;
  return null;
}
