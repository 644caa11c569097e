import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './app/App';
import { CcmError } from './api/client';
import { queryKeys } from './data/keys';
import { authStatusQuery } from './data/queries';

const queryClient: QueryClient = new QueryClient({
  defaultOptions: {
    // main answers locally: a failure is an answer (shown), not a flaky network to retry
    queries: { retry: false, refetchOnWindowFocus: false },
  },
  queryCache: new QueryCache({
    // signed out behind our back (another window, a new connection): find out who is signed in now
    onError: (err, query) => {
      if (query.queryKey[0] === queryKeys.auth[0]) return; // the status itself failed: nothing to learn by asking again
      if (err instanceof CcmError && err.code === 'NOT_SIGNED_IN')
        void queryClient.invalidateQueries({ queryKey: queryKeys.auth });
    },
  }),
});

// Asked before React's first render, so main answers while the tree is built (the form needs the answer).
void queryClient.prefetchQuery(authStatusQuery);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
