#!/usr/bin/env python3
"""Random protobuf frames for the differential decoder (issue 21).

Reads the harness's protobuf frames (`<server version> <hex payload>` lines:
4-byte message id + 200, then the body), and writes `--count` new ones drawn
from a seed: a frame's message parsed with the official protobuf classes,
one to four of its scalar fields (at any depth, in repeated and map entries
too) set to edge values of their type or cleared, and serialized again. So
every frame is a well-formed protobuf message carrying values nobody picked;
`tests/differential.rs` runs them through both decoders.

Usage: python3 mutate_protobuf.py --seed N --count N IN OUT
"""

import argparse
import math
import random
import sys

from google.protobuf.descriptor import FieldDescriptor as FD

from ibapi.protobuf.AccountValue_pb2 import AccountValue
from ibapi.protobuf.PortfolioValue_pb2 import PortfolioValue
from ibapi.protobuf.AccountUpdateTime_pb2 import AccountUpdateTime
from ibapi.protobuf.AccountDataEnd_pb2 import AccountDataEnd
from ibapi.protobuf.ManagedAccounts_pb2 import ManagedAccounts
from ibapi.protobuf.Position_pb2 import Position
from ibapi.protobuf.PositionEnd_pb2 import PositionEnd
from ibapi.protobuf.AccountSummary_pb2 import AccountSummary
from ibapi.protobuf.AccountSummaryEnd_pb2 import AccountSummaryEnd
from ibapi.protobuf.PositionMulti_pb2 import PositionMulti
from ibapi.protobuf.PositionMultiEnd_pb2 import PositionMultiEnd
from ibapi.protobuf.AccountUpdateMulti_pb2 import AccountUpdateMulti
from ibapi.protobuf.AccountUpdateMultiEnd_pb2 import AccountUpdateMultiEnd
from ibapi.protobuf.CompletedOrder_pb2 import CompletedOrder
from ibapi.protobuf.CompletedOrdersEnd_pb2 import CompletedOrdersEnd
from ibapi.protobuf.ContractDataEnd_pb2 import ContractDataEnd
from ibapi.protobuf.ContractData_pb2 import ContractData
from ibapi.protobuf.ErrorMessage_pb2 import ErrorMessage
from ibapi.protobuf.MarketDataType_pb2 import MarketDataType
from ibapi.protobuf.MarketDepthL2_pb2 import MarketDepthL2
from ibapi.protobuf.MarketDepth_pb2 import MarketDepth
from ibapi.protobuf.TickGeneric_pb2 import TickGeneric
from ibapi.protobuf.TickOptionComputation_pb2 import TickOptionComputation
from ibapi.protobuf.TickPrice_pb2 import TickPrice
from ibapi.protobuf.TickReqParams_pb2 import TickReqParams
from ibapi.protobuf.TickSize_pb2 import TickSize
from ibapi.protobuf.TickSnapshotEnd_pb2 import TickSnapshotEnd
from ibapi.protobuf.TickString_pb2 import TickString
from ibapi.protobuf.ExecutionDetailsEnd_pb2 import ExecutionDetailsEnd
from ibapi.protobuf.ExecutionDetails_pb2 import ExecutionDetails
from ibapi.protobuf.OpenOrder_pb2 import OpenOrder
from ibapi.protobuf.OpenOrdersEnd_pb2 import OpenOrdersEnd
from ibapi.protobuf.OrderBound_pb2 import OrderBound
from ibapi.protobuf.OrderStatus_pb2 import OrderStatus
from ibapi.protobuf.HistoricalData_pb2 import HistoricalData
from ibapi.protobuf.HistoricalDataEnd_pb2 import HistoricalDataEnd
from ibapi.protobuf.HistoricalDataUpdate_pb2 import HistoricalDataUpdate
from ibapi.protobuf.RealTimeBarTick_pb2 import RealTimeBarTick
from ibapi.protobuf.HeadTimestamp_pb2 import HeadTimestamp
from ibapi.protobuf.HistogramData_pb2 import HistogramData
from ibapi.protobuf.HistoricalTicks_pb2 import HistoricalTicks
from ibapi.protobuf.HistoricalTicksBidAsk_pb2 import HistoricalTicksBidAsk
from ibapi.protobuf.HistoricalTicksLast_pb2 import HistoricalTicksLast
from ibapi.protobuf.TickByTickData_pb2 import TickByTickData
from ibapi.protobuf.HistoricalSchedule_pb2 import HistoricalSchedule
from ibapi.protobuf.NewsBulletin_pb2 import NewsBulletin
from ibapi.protobuf.NewsArticle_pb2 import NewsArticle
from ibapi.protobuf.TickNews_pb2 import TickNews
from ibapi.protobuf.NewsProviders_pb2 import NewsProviders
from ibapi.protobuf.HistoricalNews_pb2 import HistoricalNews
from ibapi.protobuf.HistoricalNewsEnd_pb2 import HistoricalNewsEnd
from ibapi.protobuf.WshMetaData_pb2 import WshMetaData
from ibapi.protobuf.WshEventData_pb2 import WshEventData
from ibapi.protobuf.ScannerParameters_pb2 import ScannerParameters
from ibapi.protobuf.ScannerData_pb2 import ScannerData
from ibapi.protobuf.PnL_pb2 import PnL
from ibapi.protobuf.PnLSingle_pb2 import PnLSingle
from ibapi.protobuf.ReceiveFA_pb2 import ReceiveFA
from ibapi.protobuf.ReplaceFAEnd_pb2 import ReplaceFAEnd
from ibapi.protobuf.CommissionAndFeesReport_pb2 import CommissionAndFeesReport
from ibapi.protobuf.SecDefOptParameter_pb2 import SecDefOptParameter
from ibapi.protobuf.SecDefOptParameterEnd_pb2 import SecDefOptParameterEnd
from ibapi.protobuf.SoftDollarTiers_pb2 import SoftDollarTiers
from ibapi.protobuf.FamilyCodes_pb2 import FamilyCodes
from ibapi.protobuf.SymbolSamples_pb2 import SymbolSamples
from ibapi.protobuf.SmartComponents_pb2 import SmartComponents
from ibapi.protobuf.MarketRule_pb2 import MarketRule
from ibapi.protobuf.UserInfo_pb2 import UserInfo
from ibapi.protobuf.RerouteMarketDataRequest_pb2 import RerouteMarketDataRequest
from ibapi.protobuf.RerouteMarketDepthRequest_pb2 import RerouteMarketDepthRequest
from ibapi.protobuf.NextValidId_pb2 import NextValidId
from ibapi.protobuf.CurrentTime_pb2 import CurrentTime
from ibapi.protobuf.CurrentTimeInMillis_pb2 import CurrentTimeInMillis
from ibapi.protobuf.VerifyMessageApi_pb2 import VerifyMessageApi
from ibapi.protobuf.VerifyCompleted_pb2 import VerifyCompleted
from ibapi.protobuf.DisplayGroupList_pb2 import DisplayGroupList
from ibapi.protobuf.DisplayGroupUpdated_pb2 import DisplayGroupUpdated
from ibapi.protobuf.MarketDepthExchanges_pb2 import MarketDepthExchanges
from ibapi.protobuf.ConfigResponse_pb2 import ConfigResponse
from ibapi.protobuf.UpdateConfigResponse_pb2 import UpdateConfigResponse

# The incoming protobuf messages this crate reads, by message id (the
# official 10.51.1 decoder's msgId2handleInfoProtoBuf has them all; this
# script runs with 10.51.1, tests/differential.rs).
CLASSES = {3: OrderStatus, 4: ErrorMessage, 5: OpenOrder, 11: ExecutionDetails,
           53: OpenOrdersEnd, 55: ExecutionDetailsEnd, 100: OrderBound,
           101: CompletedOrder, 102: CompletedOrdersEnd, 10: ContractData,
           18: ContractData, 52: ContractDataEnd, 1: TickPrice, 2: TickSize,
           21: TickOptionComputation, 45: TickGeneric, 46: TickString,
           57: TickSnapshotEnd, 58: MarketDataType, 81: TickReqParams,
           12: MarketDepth, 13: MarketDepthL2, 6: AccountValue, 7: PortfolioValue,
           8: AccountUpdateTime, 54: AccountDataEnd, 15: ManagedAccounts, 61: Position,
           62: PositionEnd, 63: AccountSummary, 64: AccountSummaryEnd, 71: PositionMulti,
           72: PositionMultiEnd, 73: AccountUpdateMulti, 74: AccountUpdateMultiEnd,
           17: HistoricalData, 108: HistoricalDataEnd, 90: HistoricalDataUpdate,
           50: RealTimeBarTick, 88: HeadTimestamp, 89: HistogramData, 96: HistoricalTicks,
           97: HistoricalTicksBidAsk, 98: HistoricalTicksLast, 99: TickByTickData,
           106: HistoricalSchedule,
           14: NewsBulletin, 83: NewsArticle, 84: TickNews, 85: NewsProviders,
           86: HistoricalNews, 87: HistoricalNewsEnd, 104: WshMetaData, 105: WshEventData,
           19: ScannerParameters, 20: ScannerData, 94: PnL, 95: PnLSingle,
           16: ReceiveFA, 103: ReplaceFAEnd, 59: CommissionAndFeesReport,
           75: SecDefOptParameter, 76: SecDefOptParameterEnd, 77: SoftDollarTiers, 78: FamilyCodes, 79: SymbolSamples, 82: SmartComponents, 93: MarketRule, 107: UserInfo, 91: RerouteMarketDataRequest, 92: RerouteMarketDepthRequest,
           9: NextValidId, 49: CurrentTime, 109: CurrentTimeInMillis, 65: VerifyMessageApi, 66: VerifyCompleted, 67: DisplayGroupList, 68: DisplayGroupUpdated, 80: MarketDepthExchanges,
           110: ConfigResponse, 111: UpdateConfigResponse}

INT32 = [0, 1, -1, 7, 100, 2147483647, -2147483648]
INT64 = INT32 + [9223372036854775807, -9223372036854775808, 1795452832123]
DOUBLES = [0.0, -0.0, 1.5, 1e-07, 1e15, 1000000000000000.2, 123456789012345.12,
           0.30000000000000004, 1.7976931348623157e308, math.inf, -math.inf, math.nan]
STRINGS = ["", "AAPL", "1.5", "100", "0.000000025", "1E+2", "-0", "2147483647",
           "abc", "with space", "a;b=c", "\u00e9t\u00e9", "true", "0"]



def is_repeated(field):
    """Whether a protobuf field descriptor is repeated, under the protobuf
    runtime of 10.37.2 (`label`) and of 10.51.1 (`is_repeated`) alike."""
    flag = getattr(field, "is_repeated", None)
    if flag is not None:
        return flag
    return field.label == field.LABEL_REPEATED

def scalar_fields(msg, path=()):
    """Every (message, field) that holds a scalar, at any depth."""
    out = []
    for f in msg.DESCRIPTOR.fields:
        if f.type == FD.TYPE_MESSAGE:
            if f.message_type.GetOptions().map_entry:
                continue  # maps: their values are strings, reached below
            if is_repeated(f):
                for sub in getattr(msg, f.name):
                    out.extend(scalar_fields(sub, path + (f.name,)))
            elif msg.HasField(f.name):
                out.extend(scalar_fields(getattr(msg, f.name), path + (f.name,)))
        elif not is_repeated(f):
            out.append((msg, f))
    return out


def value_for(rng, f):
    t = f.type
    if t in (FD.TYPE_INT32, FD.TYPE_SINT32, FD.TYPE_SFIXED32):
        return rng.choice(INT32)
    if t in (FD.TYPE_INT64, FD.TYPE_SINT64, FD.TYPE_SFIXED64):
        return rng.choice(INT64)
    if t in (FD.TYPE_DOUBLE, FD.TYPE_FLOAT):
        return rng.choice(DOUBLES)
    if t == FD.TYPE_BOOL:
        return rng.choice([True, False])
    if t == FD.TYPE_STRING:
        return rng.choice(STRINGS)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("input")
    ap.add_argument("output")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    base = []
    with open(args.input) as f:
        for line in f:
            if not line.strip():
                continue
            sv, hexed = line.split()
            payload = bytes.fromhex(hexed)
            msg_id = int.from_bytes(payload[:4], "big") - 200
            if msg_id in CLASSES:
                base.append((int(sv), msg_id, payload[4:]))
    out = []
    for _ in range(args.count):
        sv, msg_id, body = rng.choice(base)
        msg = CLASSES[msg_id]()
        msg.ParseFromString(body)
        fields = scalar_fields(msg)
        if not fields:
            continue
        for _ in range(rng.randint(1, 4)):
            holder, f = rng.choice(fields)
            if rng.random() < 0.15 and f.has_presence:
                holder.ClearField(f.name)
                continue
            v = value_for(rng, f)
            if v is not None:
                setattr(holder, f.name, v)
        payload = (msg_id + 200).to_bytes(4, "big") + msg.SerializeToString()
        out.append(f"{sv} {payload.hex()}")
    with open(args.output, "w") as f:
        f.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
