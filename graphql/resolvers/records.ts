// The service records resolvers receive, named by what the services return (graphql never imports models).
import type { accountsById, ROLES } from '@strata/services/access';
import type { getIssue, getRelease, listComments, listLabels } from '@strata/services/collaboration';
import type { diffRefs, findDataset, listRefs } from '@strata/services/versioning';

export type DatasetRecord = Awaited<ReturnType<typeof findDataset>>;
export type RefRecordView = Awaited<ReturnType<typeof listRefs>>[number];
export type Role = (typeof ROLES)[number];
export type AccountRecordView = NonNullable<Awaited<ReturnType<typeof accountsById>>[number]>;

export type ThreadRecordView = Awaited<ReturnType<typeof getIssue>>;
export type CommentRecordView = Awaited<ReturnType<typeof listComments>>['items'][number];
export type LabelRecordView = Awaited<ReturnType<typeof listLabels>>[number];
export type ReleaseRecordView = Awaited<ReturnType<typeof getRelease>>['release'];
export type RefDiffView = Awaited<ReturnType<typeof diffRefs>>;
