import { buildSchema, type PubSub } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { AccessMutations } from '../resolvers/access-mutations.js';
import { AccountQueries, CommitSizeField, DatasetAccessFields, ViewerFields } from '../resolvers/access-resolver.js';
import { CommitResolver, DatasetResolver, RefResolver } from '../resolvers/dataset-resolver.js';
import { DatasetProposalFields, ProposalResolver, ReviewResolver } from '../resolvers/proposal-resolver.js';
import { ProposalMutations } from '../resolvers/proposal-mutations.js';
import { DatasetForkFields, ForkMutations, ProposalSourceFields } from '../resolvers/fork-resolver.js';
import {
  CommentResolver,
  DatasetDiscussionResolver,
  IssueResolver,
  ReleaseResolver,
} from '../resolvers/discussion-resolver.js';
import { DiscussionMutations } from '../resolvers/discussion-mutations.js';
import { EventResolver } from '../resolvers/event-resolver.js';
import { QueryResolver } from '../resolvers/query-resolver.js';
import { RefMutations } from '../resolvers/ref-mutations.js';
import { WebhookResolver } from '../resolvers/webhook-resolver.js';

const NO_TOPICS: PubSub = {
  publish() {
    throw new Error('Strata subscriptions do not use topics: events come from the event hub.');
  },
  subscribe() {
    throw new Error('Strata subscriptions do not use topics: events come from the event hub.');
  },
};

/** The Strata GraphQL schema, built from the resolvers' classes (graphql/schema.graphql is its print). */
export function buildStrataSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [
      QueryResolver,
      DatasetResolver,
      CommitResolver,
      RefResolver,
      RefMutations,
      DatasetProposalFields,
      ProposalResolver,
      ReviewResolver,
      ProposalMutations,
      DatasetForkFields,
      ForkMutations,
      ProposalSourceFields,
      DatasetDiscussionResolver,
      IssueResolver,
      CommentResolver,
      ReleaseResolver,
      DiscussionMutations,
      EventResolver,
      WebhookResolver,
      AccountQueries,
      ViewerFields,
      DatasetAccessFields,
      CommitSizeField,
      AccessMutations,
    ],
    // Subscriptions name their own source (the services' event hub), never topics: type-graphql
    // still wants a pub/sub to exist, so it gets one that refuses to be used.
    pubSub: NO_TOPICS,
    // Arguments are checked by the services (one place for every protocol), not class-validator.
    validate: false,
  });
}
