import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './page.css';

// The hub serves this page at its GraphQL endpoint, so the page's own path is the endpoint.
const fetcher = createGraphiQLFetcher({ url: window.location.pathname });

createRoot(document.getElementById('graphiql')).render(createElement(GraphiQL, { fetcher }));
