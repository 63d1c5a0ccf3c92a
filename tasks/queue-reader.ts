import type { DataSource } from 'typeorm';
import { InFlightBatcher } from '../db/in-flight-batcher';
import { QueueBounds, readQueuePages, type QueuePage, type QueueRequest } from './queue-pages';

/**
 * Serves "my queue" reads for one API process. Reads that arrive while one is in flight go
 * together (InFlightBatcher: never older than the request), in one readQueuePages (one
 * statement however many they are), so a clerk team's pages share their queue's read.
 */
export class QueueReader {
  private readonly batcher: InFlightBatcher<QueueRequest, QueuePage>;
  /** Where the queues' pages ended last time: claimed tasks are read up to there (QueueBounds). */
  private readonly bounds = new QueueBounds();

  constructor(dataSource: DataSource) {
    this.batcher = new InFlightBatcher((requests) => readQueuePages(dataSource, requests, this.bounds));
  }

  read(request: QueueRequest): Promise<QueuePage> {
    return this.batcher.load(request);
  }
}
