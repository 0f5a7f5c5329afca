import { Module } from '@nestjs/common';
import { TeamMergeController } from './adapters/http/team-merge.controller';
import { LiteLlmGateway } from './adapters/litellm/litellm-gateway';
import { SqlTeamMergeStore } from './adapters/persistence/sql-team-merge.store';
import { GatewaySyncOutboxHandler } from './application/gateway-sync.outbox-handler';
import { MergeTeamsUseCase } from './application/merge-teams.use-case';
import { LlmGateway } from './application/ports/llm-gateway';
import { TeamMergeStore } from './application/ports/team-merge.store';

/** Team merge, and the LLM gateway kept in step with moved and revoked keys through the outbox. */
@Module({
  controllers: [TeamMergeController],
  providers: [
    { provide: TeamMergeStore, useClass: SqlTeamMergeStore },
    { provide: LlmGateway, useClass: LiteLlmGateway },
    GatewaySyncOutboxHandler,
    MergeTeamsUseCase,
  ],
})
export class TeamMergeModule {}
