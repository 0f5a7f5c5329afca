// The team merge module's public surface for other modules.
export { TeamMergeModule } from './team-merge.module';
export { LlmGateway } from './application/ports/llm-gateway';
