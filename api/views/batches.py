"""Batches: read, and plan/start/finish/cancel/fail through batches' lifecycle services."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema_view
from rest_framework import generics, status
from rest_framework.response import Response

from api.base import ApiView, validated
from api.docs import endpoint
from api.idempotency import idempotent
from api.serializers.batches import (
    BatchDetailSerializer,
    BatchSerializer,
    FinishInput,
    PlanInput,
    ReasonInput,
    StartInput,
)
from batches import selectors
from batches.models import Batch
from batches.services.finishing import OutputInput, finish_batch
from batches.services.lifecycle import cancel_batch, fail_batch, start_batch
from batches.services.planning import plan_batch
from recipes.selectors import version_of


def _record(batch: Batch, code: int = 200) -> Response:
    return Response(BatchDetailSerializer(selectors.batch_record(batch.pk)).data, status=code)


@extend_schema_view(
    get=endpoint(
        "List batches",
        response=BatchSerializer(many=True),
        tag="batches",
        parameters=[OpenApiParameter("status", str, enum=Batch.Status.values)],
    ),
    post=endpoint(
        "Plan a batch of a recipe version at a scale",
        request=PlanInput,
        response=BatchDetailSerializer,
        status=201,
        write=True,
        idempotent=True,
        tag="batches",
        examples=[
            OpenApiExample(
                "Twice the recipe", value={"version": 3, "scale": "2"}, request_only=True
            )
        ],
    ),
)
class BatchList(ApiView, generics.ListAPIView):
    permissions = {"GET": "batches.view", "POST": "batches.run"}
    serializer_class = BatchSerializer

    def get_queryset(self):
        wanted = self.request.query_params.get("status", "")
        return selectors.batch_list(status=wanted if wanted in Batch.Status.values else "")

    @idempotent
    def post(self, request):
        data = validated(PlanInput, request)
        batch = plan_batch(
            version=version_of(data["version"]),
            factor=data.get("scale"),
            target_quantity=data.get("target_quantity"),
            target_unit=data.get("target_unit"),
            note=data.get("note", ""),
            actor_id=self.principal.actor_id,
        )
        return _record(batch, status.HTTP_201_CREATED)


@extend_schema_view(
    get=endpoint(
        "One batch with its lines and outputs", response=BatchDetailSerializer, tag="batches"
    )
)
class BatchDetail(ApiView, generics.RetrieveAPIView):
    permissions = {"GET": "batches.view"}
    serializer_class = BatchDetailSerializer

    def get_object(self):
        return selectors.batch_record(self.kwargs["pk"])


class BatchStart(ApiView):
    permissions = {"POST": "batches.run"}
    serializer_class = StartInput

    @endpoint(
        "Start a planned batch: takes every line from stock, oldest lots first, all or nothing",
        request=StartInput,
        response=BatchDetailSerializer,
        write=True,
        idempotent=True,
        tag="batches",
        examples=[OpenApiExample("Start", value={}, request_only=True)],
    )
    @idempotent
    def post(self, request, pk: int):
        data = validated(StartInput, request)
        batch = start_batch(
            batch=selectors.batch_row(pk),
            skip_positions=data.get("skip_positions", ()),
            skip_reason=data.get("skip_reason", ""),
            actor_id=self.principal.actor_id,
        )
        return _record(batch)


class BatchFinish(ApiView):
    permissions = {"POST": "batches.run"}
    serializer_class = FinishInput

    @endpoint(
        "Finish a running batch: its outputs go on the shelf at the batch's real cost",
        request=FinishInput,
        response=BatchDetailSerializer,
        write=True,
        idempotent=True,
        tag="batches",
        examples=[
            OpenApiExample(
                "10 bars",
                value={"actual_yield": "10", "outputs": [{"item": 12, "quantity": "10"}]},
                request_only=True,
            )
        ],
    )
    @idempotent
    def post(self, request, pk: int):
        data = validated(FinishInput, request)
        batch = finish_batch(
            batch=selectors.batch_row(pk),
            actual_yield=data["actual_yield"],
            outputs=[
                OutputInput(out["item"], out["quantity"], out.get("unit"))
                for out in data.get("outputs", [])
            ],
            expires_at=data.get("expires_at"),
            hold_until=data.get("hold_until"),
            note=data.get("note", ""),
            actor_id=self.principal.actor_id,
        )
        return _record(batch)


class BatchCancel(ApiView):
    permissions = {"POST": "batches.run"}
    serializer_class = ReasonInput

    @endpoint(
        "Cancel a planned or running batch: what it took goes back to the lots it came from",
        request=ReasonInput,
        response=BatchDetailSerializer,
        write=True,
        idempotent=True,
        tag="batches",
        examples=[OpenApiExample("Cancel", value={"reason": "Wrong oil"}, request_only=True)],
    )
    @idempotent
    def post(self, request, pk: int):
        data = validated(ReasonInput, request)
        batch = cancel_batch(
            batch=selectors.batch_row(pk),
            reason=data.get("reason", ""),
            actor_id=self.principal.actor_id,
        )
        return _record(batch)


class BatchFail(ApiView):
    permissions = {"POST": "batches.run"}
    serializer_class = ReasonInput

    @endpoint(
        "Mark a running batch as failed: what it used is recorded as a loss",
        request=ReasonInput,
        response=BatchDetailSerializer,
        write=True,
        idempotent=True,
        tag="batches",
        examples=[OpenApiExample("Fail", value={"reason": "Seized"}, request_only=True)],
    )
    @idempotent
    def post(self, request, pk: int):
        data = validated(ReasonInput, request)
        batch = fail_batch(
            batch=selectors.batch_row(pk),
            reason=data.get("reason", ""),
            actor_id=self.principal.actor_id,
        )
        return _record(batch)
