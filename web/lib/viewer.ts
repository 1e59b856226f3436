import { graphql } from '../gql';
import { query } from './api';

const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      signedIn
      login
      siteAdmin
    }
  }
`);

export interface SignedInUser {
  login: string;
  siteAdmin: boolean;
}

/** The signed-in user, or undefined for anyone else (including when the API cannot say). */
export async function currentUser(): Promise<SignedInUser | undefined> {
  const { viewer } = await query(ViewerQuery, {}).catch(() => ({ viewer: undefined }));
  return viewer?.signedIn === true && viewer.login !== null && viewer.login !== undefined
    ? { login: viewer.login, siteAdmin: viewer.siteAdmin }
    : undefined;
}
