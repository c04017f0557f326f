/** Any path no other route claims: the localized 404 of the root error boundary. */
export function loader() {
  throw new Response('Not found', { status: 404 });
}

export default function NotFound() {
  return null;
}
