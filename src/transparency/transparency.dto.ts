import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { ReadQueryDto } from '../platform/http/read-after.js';

const TREE_SIZE = /^\d{1,15}$/;
const SIZE_MESSAGE = (name: string) => `${name} must be a tree size: a whole number of leaves, like 128`;

export class InclusionQueryDto extends ReadQueryDto {
  @ApiProperty({ description: 'the event id from the receipt' })
  @IsUUID('all', { message: 'eventId must be the event id of a receipt (a UUID)' })
  eventId: string;

  @ApiPropertyOptional({ description: 'the size of the tree to prove against; default: the latest checkpoint' })
  @IsOptional()
  @Matches(TREE_SIZE, { message: SIZE_MESSAGE('treeSize') })
  treeSize?: string;
}

export class ConsistencyQueryDto extends ReadQueryDto {
  @ApiProperty({ description: 'the smaller tree size, e.g. of a checkpoint you kept' })
  @Matches(TREE_SIZE, { message: SIZE_MESSAGE('first') })
  first: string;

  @ApiPropertyOptional({ description: 'the larger tree size; default: the latest checkpoint' })
  @IsOptional()
  @Matches(TREE_SIZE, { message: SIZE_MESSAGE('second') })
  second?: string;
}
